import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ANY_JSON_VALUE } from './any-json';
import { IsPresent } from './validators';

/** `POST /v1/runs/:id/input`: the answer to a paused task's question. */
export class ResumeRunDto {
  @ApiProperty({ example: 'approval' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  taskId!: string;

  @ApiProperty({ ...ANY_JSON_VALUE, description: 'Any JSON value; handed to the agent as the result of ctx.requestInput(question).', example: 'yes' })
  @IsPresent()
  answer!: unknown;
}
